import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@catalyst/common';
import { AccessTokenService } from './auth/access-token.service';
import { ActorService } from './auth/actor.service';
import { IDENTITY_ENTITIES } from './entities';
import { AssessorDirectory } from './members/assessor-directory.service';

/** What every process needs to know who is calling (tokens, actors) and who may assess. */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret }),
    }),
  ],
  providers: [AccessTokenService, ActorService, AssessorDirectory],
  exports: [AccessTokenService, ActorService, AssessorDirectory, TypeOrmModule],
})
export class IdentityCoreModule {}
