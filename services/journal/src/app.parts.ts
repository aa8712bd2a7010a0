import { CorrectAttendanceController } from './corrections/correct-attendance/correct-attendance.http';
import { CorrectLessonsController } from './corrections/correct-lessons/correct-lessons.http';
import { CorrectMarksController } from './corrections/correct-marks/correct-marks.http';
import { AssignTeachersController } from './journals/assign-teachers/assign-teachers.http';
import { OpenJournalController } from './journals/open-journal/open-journal.http';
import { RecordLessonController } from './lessons/record-lesson/record-lesson.http';
import { RecordMarksController } from './marks/record-marks/record-marks.http';
import { ClosePeriodsController } from './periods/close-periods/close-periods.http';
import { ReadGridController } from './reads/read-grid/read-grid.http';
import { ReadHistoryController } from './reads/read-history/read-history.http';
import { ReadJournalsController } from './reads/read-journals/read-journals.http';
import { ReadSchoolJournalsController } from './reads/read-school-journals/read-school-journals.http';
import { SchoolJournalListQuery } from './reads/read-school-journals/school-journals.query';
import { JournalIntegrity, JournalRelay } from './relay/journal-relay';
import { SummarySheetController } from './summary/council-decisions/summary-sheet.http';
import { ReadSummaryController } from './summary/read-summary/read-summary.http';
import { SetSummaryMarksController } from './summary/set-summary-marks/set-summary-marks.http';

/** Every use case's controller; the order is the OpenAPI document's. */
export const CONTROLLERS = [
  OpenJournalController,
  AssignTeachersController,
  RecordLessonController,
  RecordMarksController,
  CorrectMarksController,
  CorrectAttendanceController,
  CorrectLessonsController,
  ClosePeriodsController,
  SetSummaryMarksController,
  SummarySheetController,
  ReadSummaryController,
  ReadJournalsController,
  ReadSchoolJournalsController,
  ReadGridController,
  ReadHistoryController,
];

export const PROVIDERS = [JournalRelay, JournalIntegrity, SchoolJournalListQuery];
