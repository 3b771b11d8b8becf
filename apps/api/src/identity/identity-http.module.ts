import { Module } from '@nestjs/common';

/** The HTTP side of the identity domain: its controllers, composed with the domain module. */
@Module({
  imports: [],
  controllers: [],
})
export class IdentityHttpModule {}
