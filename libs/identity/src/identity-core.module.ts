import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { AccessTokenService } from './auth/access-token.service';
import { ActorService } from './auth/actor.service';
import { IDENTITY_ENTITIES } from './entities';
import { AssessorDirectory } from './members/assessor-directory.service';
import { OrganisationDirectory } from './organisations/organisation-directory.service';
import { ProgrammesService } from './programmes/programmes.service';

/**
 * What every process needs to know who is calling (tokens, actors), and the directories other
 * contexts ask about people and organisations (who may assess, what kind an organisation is),
 * and the programmes (which one a new round goes into).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret }),
    }),
  ],
  providers: [
    AccessTokenService,
    ActorService,
    AssessorDirectory,
    OrganisationDirectory,
    ProgrammesService,
  ],
  exports: [
    AccessTokenService,
    ActorService,
    AssessorDirectory,
    OrganisationDirectory,
    ProgrammesService,
    TypeOrmModule,
  ],
})
export class IdentityCoreModule {}
