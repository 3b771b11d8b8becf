import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles';
import type { Organisation } from '../entities/organisation.entity';

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'City of Edinburgh Council' })
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Small or medium-sized enterprise (startups only; null when unknown)',
  })
  sme: boolean | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://www.edinburgh.gov.uk' })
  website: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ example: 1 })
  version: number;

  static from(o: Organisation): OrganisationDto {
    return {
      id: o.id,
      name: o.name,
      kind: o.kind,
      sme: o.sme,
      website: o.website,
      createdAt: o.createdAt.toISOString(),
      version: o.version,
    };
  }
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] })
  items: OrganisationDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
