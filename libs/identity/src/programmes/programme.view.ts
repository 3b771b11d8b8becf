import { ApiProperty } from '@nestjs/swagger';
import type { Programme } from '../entities/programme.entity';

/** A programme as its managers and instance administrators see it. */
export class ProgrammeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operatorOrganisationId: string;

  @ApiProperty({ example: 'CivTech' })
  name: string;

  @ApiProperty({ example: 'civtech', description: 'Its address on the public portal' })
  slug: string;

  @ApiProperty({ type: String, nullable: true })
  shortDescription: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'civtech@example.gov.uk' })
  contactEmail: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://www.civtech.scot' })
  websiteUrl: string | null;

  @ApiProperty({ example: 'Europe/London', description: 'Default time zone of new rounds' })
  timezone: string;

  @ApiProperty({ example: 'GBP' })
  currency: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ description: 'Send back in If-Match when editing it' })
  version: number;

  static from(p: Programme): ProgrammeView {
    return {
      id: p.id,
      operatorOrganisationId: p.operatorOrganisationId,
      name: p.name,
      slug: p.slug,
      shortDescription: p.shortDescription,
      contactEmail: p.contactEmail,
      websiteUrl: p.websiteUrl,
      timezone: p.timezone,
      currency: p.currency,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      version: p.version,
    };
  }
}

export class ProgrammePageView {
  @ApiProperty({ type: [ProgrammeView] })
  items: ProgrammeView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
