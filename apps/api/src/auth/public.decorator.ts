import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'catalyst:public-route';

/** The route needs no token (health, the public portal, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
