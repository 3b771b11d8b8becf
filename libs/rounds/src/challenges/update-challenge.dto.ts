import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateChallengeDto } from './create-challenge.dto';

/**
 * A partial edit; the owner and the round do not change. Questions and rubric can no longer
 * change once the challenge has applications (409): earlier answers and scores would be unfair.
 */
export class UpdateChallengeDto extends PartialType(
  OmitType(CreateChallengeDto, ['sponsorOrganisationId'] as const),
) {}
