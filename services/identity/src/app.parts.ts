import { ActivateAccountController } from './accounts/activate-account/activate-account.http';
import { ActivateAccountService } from './accounts/activate-account/activate-account.service';
import { DeactivateAccountController } from './accounts/deactivate-account/deactivate-account.http';
import { DeactivateAccountService } from './accounts/deactivate-account/deactivate-account.service';
import { IssueCodesController } from './accounts/issue-codes/issue-codes.http';
import { IssueCodesService } from './accounts/issue-codes/issue-codes.service';
import { OneTimeCodes } from './accounts/one-time-codes';
import { RegisterServiceAccountController } from './accounts/register-service-account/register-service-account.http';
import { BootstrapOperator } from './bootstrap/bootstrap-operator';
import { FormGroupHandler } from './classes/form-group/form-group.handler';
import { FormGroupController } from './classes/form-group/form-group.http';
import { ChangeGroupMembershipHandler } from './classes/group-members/group-members.handler';
import { GroupMembersController } from './classes/group-members/group-members.http';
import { OpenClassHandler } from './classes/open-class/open-class.handler';
import { OpenClassController } from './classes/open-class/open-class.http';
import { ClassesQuery } from './classes/read-classes/classes-query';
import { ReadClassesController } from './classes/read-classes/read-classes.http';
import { ConsentActs } from './consent/consent-acts';
import { GiveConsentHandler } from './consent/give-consent/give-consent.handler';
import { GiveConsentController } from './consent/give-consent/give-consent.http';
import { NotificationRecipientsController } from './consent/notification-recipients/notification-recipients.http';
import { RecipientsQuery } from './consent/notification-recipients/recipients-query';
import { WithdrawConsentHandler } from './consent/withdraw-consent/withdraw-consent.handler';
import { WithdrawConsentController } from './consent/withdraw-consent/withdraw-consent.http';
import { CommandRunner } from './edge/command-runner';
import { PlacePupilHandler } from './enrolment/enrol-pupil/enrol-pupil.handler';
import { EnrolPupilController } from './enrolment/enrol-pupil/enrol-pupil.http';
import { EnrolmentActs } from './enrolment/enrolment-acts';
import { PlacementFacts } from './enrolment/placement-facts';
import { PlacementsQuery } from './enrolment/read-placements/placements-query';
import { ReadPlacementsController } from './enrolment/read-placements/read-placements.http';
import { ReleasePupilHandler } from './enrolment/release-pupil/release-pupil.handler';
import { ReleasePupilController } from './enrolment/release-pupil/release-pupil.http';
import { ReadRosterController } from './enrolment/read-roster/read-roster.http';
import { RosterQuery } from './enrolment/read-roster/roster-query';
import { WithdrawPupilHandler } from './enrolment/withdraw-pupil/withdraw-pupil.handler';
import { WithdrawPupilController } from './enrolment/withdraw-pupil/withdraw-pupil.http';
import { GrantRoleHandler } from './grants/grant-role/grant-role.handler';
import { GrantRoleController } from './grants/grant-role/grant-role.http';
import { GrantQuery } from './grants/revoke-role/grant-query';
import { RevokeRoleHandler } from './grants/revoke-role/revoke-role.handler';
import { RevokeRoleController } from './grants/revoke-role/revoke-role.http';
import { ChangeGuardianshipHandler } from './guardianship/link-guardian/link-guardian.handler';
import { LinkGuardianController } from './guardianship/link-guardian/link-guardian.http';
import { PupilSchool } from './guardianship/pupil-school';
import { GuardiansQuery } from './guardianship/read-guardians/guardians-query';
import { ReadGuardiansController } from './guardianship/read-guardians/read-guardians.http';
import { JwksController } from './keys/jwks.http';
import { AccessLog } from './people/access-log';
import { CorrectPersonController } from './people/correct-person/correct-person.http';
import { PersonRepository } from './people/person-repository';
import { PersonVisibility } from './people/person-visibility';
import { AccessLogQuery } from './people/read-access-log/access-log-query';
import { ReadAccessLogController } from './people/read-access-log/read-access-log.http';
import { ReadPeopleController } from './people/read-people/read-people.http';
import { Today } from './people/today';
import { IdentityProjector } from './projections/identity-projector';
import { ProjectionWaiter } from './projections/projection-waiter';
import { IdentityIntegrity, IdentityRelay } from './relay/identity-relay';
import { CsvBodyParser } from './roster-import/csv-body-parser';
import { ImportRosterController } from './roster-import/import-roster.http';
import { RosterDecisions } from './roster-import/roster-decisions';
import { RosterFactsLoader } from './roster-import/roster-facts-loader';
import { RosterImporter } from './roster-import/roster-importer';
import { PasswordHasher } from './sign-in/password-hasher';
import { SignInRateLimiter } from './sign-in/rate-limiter';
import { RefreshTokens } from './sign-in/refresh-tokens';
import { SessionIssuer } from './sign-in/session-issuer';
import { ServiceAccounts } from './sign-in/service-accounts';
import { SignInController } from './sign-in/sign-in.http';
import { SignInService } from './sign-in/sign-in.service';
import { PublishPolicyHandler } from './tenancy/publish-policy/publish-policy.handler';
import { PublishPolicyController } from './tenancy/publish-policy/publish-policy.http';
import { CalendarQuery } from './tenancy/read-calendar/calendar-query';
import { ReadCalendarController } from './tenancy/read-calendar/read-calendar.http';
import { PolicyQuery } from './tenancy/read-policies/policy-query';
import { ReadPoliciesController } from './tenancy/read-policies/read-policies.http';
import { RegisterMunicipalityHandler } from './tenancy/register-municipality/register-municipality.handler';
import { RegisterMunicipalityController } from './tenancy/register-municipality/register-municipality.http';
import { RegisterSchoolHandler } from './tenancy/register-school/register-school.handler';
import { RegisterSchoolController } from './tenancy/register-school/register-school.http';
import { SetAcademicCalendarHandler } from './tenancy/set-calendar/set-calendar.handler';
import { SetCalendarController } from './tenancy/set-calendar/set-calendar.http';

/** Every use case's controller; the order is the OpenAPI document's. */
export const CONTROLLERS = [
  JwksController,
  SignInController,
  ActivateAccountController,
  RegisterMunicipalityController,
  RegisterSchoolController,
  ReadCalendarController,
  SetCalendarController,
  PublishPolicyController,
  ReadPoliciesController,
  OpenClassController,
  FormGroupController,
  ReadClassesController,
  GroupMembersController,
  EnrolPupilController,
  WithdrawPupilController,
  ReleasePupilController,
  ReadPlacementsController,
  ReadRosterController,
  LinkGuardianController,
  ReadGuardiansController,
  GrantRoleController,
  RevokeRoleController,
  GiveConsentController,
  WithdrawConsentController,
  NotificationRecipientsController,
  ReadPeopleController,
  CorrectPersonController,
  ReadAccessLogController,
  IssueCodesController,
  DeactivateAccountController,
  RegisterServiceAccountController,
  ImportRosterController,
];

export const PROVIDERS = [
  CommandRunner,
  ProjectionWaiter,
  IdentityProjector,
  IdentityRelay,
  IdentityIntegrity,
  BootstrapOperator,
  Today,
  AccessLog,
  PersonRepository,
  PersonVisibility,
  PlacementFacts,
  EnrolmentActs,
  PupilSchool,
  RosterQuery,
  PlacementsQuery,
  CalendarQuery,
  PolicyQuery,
  ClassesQuery,
  GuardiansQuery,
  RecipientsQuery,
  AccessLogQuery,
  GrantQuery,
  ConsentActs,
  PasswordHasher,
  SignInRateLimiter,
  RefreshTokens,
  SessionIssuer,
  SignInService,
  ServiceAccounts,
  OneTimeCodes,
  ActivateAccountService,
  DeactivateAccountService,
  IssueCodesService,
  RegisterMunicipalityHandler,
  RegisterSchoolHandler,
  SetAcademicCalendarHandler,
  PublishPolicyHandler,
  OpenClassHandler,
  FormGroupHandler,
  ChangeGroupMembershipHandler,
  PlacePupilHandler,
  ReleasePupilHandler,
  WithdrawPupilHandler,
  ChangeGuardianshipHandler,
  GrantRoleHandler,
  RevokeRoleHandler,
  GiveConsentHandler,
  WithdrawConsentHandler,
  CsvBodyParser,
  RosterFactsLoader,
  RosterDecisions,
  RosterImporter,
];
