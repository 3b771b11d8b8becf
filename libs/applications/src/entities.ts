import { Application } from './applications/application.entity';
import { Team } from './teams/team.entity';

export const APPLICATIONS_ENTITIES = [Application, Team];
