export * from './entities';
export * from './assessments/assessment.entity';
export * from './assessments/assessment-score.entity';
export * from './assessments/assessment.statuses';
export * from './conflicts/conflict-declaration.entity';
export * from './moderation/moderation-note.entity';
export * from './panel/challenge-assessor.entity';
