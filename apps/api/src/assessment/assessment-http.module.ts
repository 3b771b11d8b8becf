import { Module } from '@nestjs/common';
import { AssessmentModule } from '@catalyst/assessment';
import { AssessmentsController } from './assessments.controller';
import { BlindCopyController } from './blind-copy.controller';
import { AssignmentsController } from './assignments.controller';
import { ModerationNotesController } from './moderation-notes.controller';
import { PanelController } from './panel.controller';
import { ReviewController } from './review.controller';
import { FeedbackController } from './feedback.controller';
import { StagesController } from './stages.controller';

/** The HTTP side of the assessment domain: its controllers, composed with the domain module. */
@Module({
  imports: [AssessmentModule],
  controllers: [
    PanelController,
    AssignmentsController,
    AssessmentsController,
    ReviewController,
    ModerationNotesController,
    BlindCopyController,
    StagesController,
    FeedbackController,
  ],
})
export class AssessmentHttpModule {}
