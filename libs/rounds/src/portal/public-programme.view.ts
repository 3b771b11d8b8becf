import { ApiProperty } from '@nestjs/swagger';

/** A programme on the public portal: branding text and how many challenges are open now. */
export class PublicProgrammeView {
  @ApiProperty({ example: 'civtech', description: 'Its pages: /public/programmes/{slug}/…' })
  slug: string;

  @ApiProperty({ example: 'CivTech' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  shortDescription: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'civtech@example.gov.uk' })
  contactEmail: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://www.civtech.scot' })
  websiteUrl: string | null;

  @ApiProperty({ description: 'Challenges open for applications now' })
  openChallenges: number;
}

export class PublicProgrammePageView {
  @ApiProperty({ type: [PublicProgrammeView] })
  items: PublicProgrammeView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
