import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { AccessTokenService } from './auth/access-token.service';
import { ActorService } from './auth/actor.service';
import { IDENTITY_ENTITIES } from './entities';
import { AssessorDirectory } from './members/assessor-directory.service';
import { OrganisationDirectory } from './organisations/organisation-directory.service';

/**
 * What every process needs to know who is calling (tokens, actors), and the directories other
 * contexts ask about people and organisations (who may assess, what kind an organisation is).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret }),
    }),
  ],
  providers: [AccessTokenService, ActorService, AssessorDirectory, OrganisationDirectory],
  exports: [
    AccessTokenService,
    ActorService,
    AssessorDirectory,
    OrganisationDirectory,
    TypeOrmModule,
  ],
})
export class IdentityCoreModule {}
