import { Module } from '@nestjs/common';

/** The HTTP side of the applications domain: its controllers, composed with the domain module. */
@Module({
  imports: [],
  controllers: [],
})
export class ApplicationsHttpModule {}
