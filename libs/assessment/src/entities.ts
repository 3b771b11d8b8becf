import { Assessment } from './assessments/assessment.entity';
import { AssessmentScore } from './assessments/assessment-score.entity';
import { BlindCopy } from './blind-copy/blind-copy.entity';
import { ConflictDeclaration } from './conflicts/conflict-declaration.entity';
import { ModerationNote } from './moderation/moderation-note.entity';
import { ChallengeAssessor } from './panel/challenge-assessor.entity';
import { FeedbackRelease } from './feedback/feedback-release.entity';
import { InterviewSlot } from './slots/interview-slot.entity';
import { AssessmentStage } from './stages/assessment-stage.entity';
import { ModerationOutcome } from './stages/moderation-outcome.entity';
import { StageEntry } from './stages/stage-entry.entity';

export const ASSESSMENT_ENTITIES = [
  ChallengeAssessor,
  ConflictDeclaration,
  Assessment,
  AssessmentScore,
  ModerationNote,
  BlindCopy,
  AssessmentStage,
  StageEntry,
  InterviewSlot,
  FeedbackRelease,
  ModerationOutcome,
];
