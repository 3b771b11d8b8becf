import { Assessment } from './assessments/assessment.entity';
import { AssessmentScore } from './assessments/assessment-score.entity';
import { BlindCopy } from './blind-copy/blind-copy.entity';
import { ConflictDeclaration } from './conflicts/conflict-declaration.entity';
import { ModerationNote } from './moderation/moderation-note.entity';
import { ChallengeAssessor } from './panel/challenge-assessor.entity';

export const ASSESSMENT_ENTITIES = [
  ChallengeAssessor,
  ConflictDeclaration,
  Assessment,
  AssessmentScore,
  ModerationNote,
  BlindCopy,
];
