import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  EditFeedbackCommentDto,
  FeedbackCommentView,
  FeedbackReleaseView,
  FeedbackService,
  FeedbackView,
} from '@catalyst/assessment';
import type { Actor } from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles, SignedIn } from '../auth/route-policy.decorator';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post('challenges/:id/feedback-release')
  @HttpCode(200)
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Release the challenge’s feedback to its applicants (programme manager)',
    description:
      'One action for all its applications, once every submitted application has a decision ' +
      '(422 `feedback.undecided`); 409 `feedback.already_released`. Audited as ' +
      '`challenge.feedback_released` (the companies are told).',
  })
  @ApiOkResponse({ type: FeedbackReleaseView })
  @ApiConflictResponse({ description: 'Already released' })
  @ApiUnprocessableEntityResponse({ description: 'Decisions outstanding' })
  release(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FeedbackReleaseView> {
    return this.feedback.release(actor, id);
  }

  @Get('applications/:id/feedback')
  @SignedIn()
  @ApiOperation({
    summary: 'An application’s feedback (its company, after release)',
    description:
      'Per stage it took part in: scores per criterion (the counted assessors’ mean), the ' +
      'weighted score, the band, and the assessors’ comments anonymised (no names or ids); ' +
      'the decision and its reason. 404 before release (and for anyone but the company); ' +
      'programme managers may preview it at any time.',
  })
  @ApiOkResponse({ type: FeedbackView })
  @ApiNotFoundResponse({ description: 'Not released, or not yours' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FeedbackView> {
    return this.feedback.get(actor, id);
  }

  @Put('assessments/:id/feedback-comment')
  @Roles('programme_manager')
  @ApiOperation({
    summary: 'Edit a comment as the company will read it (programme manager, before release)',
    description:
      'To take out anything identifying the assessor. Audited as ' +
      '`assessment.feedback_comment_edited` with from and to; 409 `feedback.already_released` ' +
      'after release. The assessor’s own comment is kept.',
  })
  @ApiOkResponse({ type: FeedbackCommentView })
  @ApiConflictResponse({ description: 'Feedback released' })
  editComment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EditFeedbackCommentDto,
  ): Promise<FeedbackCommentView> {
    return this.feedback.editComment(actor, id, body.comment);
  }
}
