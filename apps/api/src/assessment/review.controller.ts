import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  NORMALISED_SCORE_DOC,
  RankingQuery,
  RankingService,
  RankingView,
  ReviewProgressService,
  ReviewProgressView,
  StageQuery,
} from '@catalyst/assessment';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@SignedIn()
@Controller('challenges/:id')
export class ReviewController {
  constructor(
    private readonly ranking: RankingService,
    private readonly progress: ReviewProgressService,
  ) {}

  @Get('ranking')
  @ApiOperation({
    summary: 'The ranking of the challenge’s applications',
    description:
      'One stage’s ranking (`?stage=`, the first when not given: a later stage ranks the ' +
      'applications entered into it, on its own rubric and panel). ' +
      'Programme managers and the challenge’s sponsor (403 for its panel, 404 for others). ' +
      'Computed by PostgreSQL in one statement. weightedScore = mean over submitted, ' +
      'non-conflicted assessments of Σ(weight × score / maxScore) / Σ weight × 100, with the ' +
      'weights and maxima saved with each score. spread = max − min of the assessors’ ' +
      'weighted scores; flagged when spread > threshold (default 20 points). normalisedScore: ' +
      NORMALISED_SCORE_DOC +
      ' Ordered by weightedScore (ties share a rank), unscored applications last. Scores are ' +
      'exact; `weightedScoreDisplay` and `spreadDisplay` (one decimal) and ' +
      '`normalisedScoreDisplay` (two) are rounded half up for display. `company` (id and name) ' +
      'is given to programme managers, and to the sponsor unless the round is blind. Scores ' +
      'of an assessor conflicted with the company never count: a conflict declared in any ' +
      'challenge, membership of the company, or membership of any company that applied to ' +
      'this challenge (a competitor). The plan reads only this challenge’s rows.',
  })
  @ApiOkResponse({ type: RankingView })
  @ApiForbiddenResponse({ description: 'A panel member or other non-sponsor of the challenge' })
  @ApiNotFoundResponse({ description: 'No such challenge, or not visible to you' })
  rank(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RankingQuery,
  ): Promise<RankingView> {
    return this.ranking.forActor(actor, id, query.threshold, query.stage);
  }

  @Get('review-progress')
  @ApiOperation({
    summary: 'Review progress: submitted of assigned, per application and per assessor',
    description:
      'Programme managers and the challenge’s sponsor. `assigned` counts open and submitted ' +
      'assessments; conflicted ones are counted apart. One SQL statement.',
  })
  @ApiOkResponse({ type: ReviewProgressView })
  reviewProgress(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: StageQuery,
  ): Promise<ReviewProgressView> {
    return this.progress.progress(actor, id, query.stage);
  }
}
