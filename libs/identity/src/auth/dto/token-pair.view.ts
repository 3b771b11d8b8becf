import { ApiProperty } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'Short-lived HS256 JWT; send it as `Authorization: Bearer …`' })
  accessToken: string;

  @ApiProperty({
    description:
      'Opaque, single-use: exchange it at POST /auth/refresh for a new pair. Presenting a used ' +
      'one again revokes every token of that sign-in.',
  })
  refreshToken: string;

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType: 'Bearer';
}
