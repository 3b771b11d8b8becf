import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
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
      // A key object, not the string: given a string, jsonwebtoken first tries to read it as a
      // PEM public/private key on every sign and verify, and builds the secret key only after
      // that attempt throws — an exception per request (its stack trace included).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
      }),
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
