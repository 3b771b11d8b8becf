import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityCoreModule } from '@catalyst/identity';
import { AssessmentQueryService } from './assessments/assessment-query.service';
import { AssessmentReader } from './assessments/assessment.reader';
import { AssessmentTransitionsService } from './assessments/assessment-transitions.service';
import { ScoringService } from './assessments/scoring.service';
import { BlindCopyService } from './blind-copy/blind-copy.service';
import { AssignmentService } from './assignment/assignment.service';
import { ConflictsService } from './conflicts/conflicts.service';
import { ASSESSMENT_ENTITIES } from './entities';
import { ModerationNotesService } from './moderation/moderation-notes.service';
import { PanelService } from './panel/panel.service';
import { AssessmentPolicy } from './policy/assessment.policy';
import { ReviewOverviewService } from './progress/review-overview.service';
import { ReviewProgressService } from './progress/review-progress.service';
import { RankingService } from './ranking/ranking.service';
import { ChallengeContextLoader } from './shared/challenge-context';
import { FeedbackService } from './feedback/feedback.service';
import { InterviewSlotsService } from './slots/interview-slots.service';
import { ModerationOutcomesService } from './stages/moderation-outcomes.service';
import { StagesService } from './stages/stages.service';

const SERVICES = [
  PanelService,
  ConflictsService,
  AssignmentService,
  AssessmentQueryService,
  ScoringService,
  AssessmentTransitionsService,
  RankingService,
  ReviewProgressService,
  ReviewOverviewService,
  ModerationNotesService,
  BlindCopyService,
  StagesService,
  InterviewSlotsService,
  FeedbackService,
  ModerationOutcomesService,
];

/** Panels, conflicts, assignment, scoring, ranking and moderation (the assessment context). */
@Module({
  // IdentityCoreModule: the AssessorDirectory, identity's answer to "who may assess".
  imports: [TypeOrmModule.forFeature(ASSESSMENT_ENTITIES), IdentityCoreModule],
  providers: [...SERVICES, AssessmentPolicy, AssessmentReader, ChallengeContextLoader],
  exports: [...SERVICES, AssessmentPolicy],
})
export class AssessmentModule {}
