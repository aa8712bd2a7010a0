/** An RFC 9457 problem as the services answer it, or one the application makes itself. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { pointer?: string; detail?: string }[];
  entries?: { pupilId: string; code: string }[];
  /** Whatever else the refusal carries (an import's per-row report). */
  [field: string]: unknown;
}

/** The stable codes, in the words a teacher or a parent reads. */
const RUSSIAN: Record<string, string> = {
  'NETWORK.OFFLINE':
    'Нет связи с сервером. Записи сохранены на этом устройстве и будут отправлены, когда связь вернётся.',
  'WEB.SERVICE_UNAVAILABLE': 'Сервис временно недоступен. Попробуйте ещё раз через минуту.',
  'AUTH.TOKEN_MISSING': 'Войдите в систему.',
  'AUTH.TOKEN_INVALID': 'Сеанс истёк. Войдите снова.',
  'AUTH.TOKEN_EXPIRED': 'Сеанс истёк. Войдите снова.',
  'AUTH.ROLE_REQUIRED': 'Для этого действия у вас нет нужной роли.',
  'AUTH.OUT_OF_SCOPE': 'Это действие вне ваших полномочий в этой школе.',
  'IDENTITY.INVALID_CREDENTIALS': 'Неверный логин или пароль.',
  'IDENTITY.ACCOUNT_LOCKED': 'Слишком много неудачных попыток. Вход временно заблокирован.',
  'IDENTITY.TOO_MANY_ATTEMPTS': 'Слишком много попыток входа. Подождите минуту.',
  'IDENTITY.ACCOUNT_INACTIVE': 'Учётная запись не активирована или отключена.',
  'IDENTITY.CODE_INVALID': 'Код активации неверен, истёк или уже использован.',
  'IDENTITY.UNKNOWN_PERSON': 'Человек не найден.',
  'IDENTITY.PERSON_OUT_OF_SCOPE': 'Данные этого человека вам недоступны.',
  'IDENTITY.LOGIN_TAKEN': 'Этот логин уже занят. Выберите другой.',
  'IDENTITY.REFRESH_TOKEN_REUSED':
    'Сеанс был использован повторно и закрыт ради безопасности. Войдите снова.',
  'IDENTITY.REFRESH_TOKEN_INVALID': 'Сеанс истёк. Войдите снова.',
  'IDENTITY.IMPORT_REJECTED': 'Файл не принят: исправьте строки из отчёта и загрузите снова.',
  'IDENTITY.IMPORT_CONFLICT': 'Данные изменились во время загрузки. Загрузите файл ещё раз.',
  'IDENTITY.UNKNOWN_SCHOOL': 'Школа не найдена.',
  'IDENTITY.INVALID_REQUEST': 'Запрос заполнен неверно.',
  'JOURNAL.NOT_FOUND': 'Журнал не найден.',
  'JOURNAL.SEALED': 'Журнал закрыт за учебный год: изменения невозможны.',
  'JOURNAL.FORBIDDEN': 'У вас нет доступа к этому журналу.',
  'JOURNAL.NOT_ASSIGNED': 'Вы не назначены учителем этого журнала.',
  'JOURNAL.NOT_AUTHOR': 'Исправить запись может только её автор или уполномоченный сотрудник.',
  'JOURNAL.CORRECTION_WINDOW_CLOSED':
    'Срок исправления истёк: нужно разрешение завуча или директора с номером приказа.',
  'JOURNAL.ORDER_REQUIRED': 'По правилам школы для этого исправления нужен номер приказа.',
  'JOURNAL.PERIOD_CLOSED':
    'Период закрыт: записи в нём меняются только с разрешения администрации.',
  'JOURNAL.CELL_CHANGED':
    'Эту клетку уже изменил другой учитель. Посмотрите новое значение; ваше изменение не записано.',
  'JOURNAL.COLUMN_REJECTED': 'Записи урока не приняты.',
  'JOURNAL.PUPIL_NOT_ENROLLED': 'Ученик не числится в классе на дату урока.',
  'JOURNAL.MARK_OUT_OF_SCALE': 'Такой отметки нет в шкале журнала.',
  'JOURNAL.ABSENT_WITH_MARK': 'Отсутствующему ученику нельзя поставить отметку.',
  'JOURNAL.ATTENDANCE_EXISTS': 'Посещаемость уже отмечена; измените её через исправление.',
  'JOURNAL.DUPLICATE_MARK_ID': 'Эта отметка уже записана.',
  'JOURNAL.EMPTY_ENTRY': 'Пустая запись.',
  'JOURNAL.DATE_IN_FUTURE': 'Дата урока ещё не наступила.',
  'JOURNAL.DATE_OUTSIDE_YEAR': 'Дата вне учебного года.',
  'JOURNAL.DATE_OUTSIDE_PERIODS': 'Дата не входит ни в один учебный период.',
  'JOURNAL.SLOT_TAKEN': 'В этот день на этом уроке уже есть запись.',
  'JOURNAL.LESSON_EXISTS': 'Этот урок уже записан.',
  'JOURNAL.LESSON_NOT_FOUND': 'Урок не найден.',
  'JOURNAL.LESSON_VOIDED': 'Урок аннулирован.',
  'JOURNAL.MARK_NOT_FOUND': 'Отметка не найдена.',
  'JOURNAL.MARK_REVOKED': 'Отметка уже отменена.',
  'JOURNAL.NOTHING_TO_CORRECT': 'Новое значение совпадает с прежним.',
  'JOURNAL.PERIOD_ALREADY_CLOSED': 'Период уже закрыт.',
  'JOURNAL.UNKNOWN_PERIOD': 'Такого периода нет в календаре школы.',
  'JOURNAL.NO_CALENDAR': 'У школы нет календаря учебного года.',
  'JOURNAL.NO_POLICY': 'У школы нет утверждённых правил ведения журнала.',
  'JOURNAL.HOMEWORK_DUE_BEFORE_LESSON': 'Срок домашнего задания раньше даты урока.',
  'JOURNAL.IDEMPOTENCY_KEY_REUSED': 'Повторная отправка с другими данными отклонена.',
  'JOURNAL.INVALID_REQUEST': 'Данные заполнены неверно.',
  'DIARY.NOT_YOUR_PUPIL': 'Дневник этого ученика вам недоступен.',
  'DIARY.PUPIL_NOT_FOUND': 'Ученик не найден.',
  'DIARY.NO_ACADEMIC_YEAR': 'Учебный год ещё не задан школой.',
  'DIARY.INVALID_REQUEST': 'Запрос заполнен неверно.',
  'HTTP.IDEMPOTENCY_KEY_REQUIRED': 'Внутренняя ошибка приложения: запрос без ключа повтора.',
};

const BY_STATUS: Record<number, string> = {
  400: 'Данные заполнены неверно.',
  401: 'Войдите снова.',
  403: 'Недостаточно прав.',
  404: 'Не найдено.',
  409: 'Данные уже изменились. Обновите страницу.',
  412: 'Нарушено условие запроса.',
  422: 'Запрос отклонён.',
  429: 'Слишком много запросов. Подождите немного.',
};

/** The sentence shown for a refusal: by its code, else by its status. */
export function russianMessage(problem: Problem): string {
  const known = RUSSIAN[problem.code];
  if (known) return known;
  if (problem.status >= 500)
    return 'Ошибка сервера. Попробуйте позже; если повторится, сообщите администратору.';
  return BY_STATUS[problem.status] ?? 'Запрос отклонён.';
}

/** Per pupil refusals of a column: "Ершов: ученик не числится…". */
export function entryMessages(problem: Problem, nameOf: (id: string) => string): string[] {
  return (problem.entries ?? []).map(
    (entry) =>
      `${nameOf(entry.pupilId)}: ${russianMessage({ status: 422, code: entry.code.includes('.') ? entry.code : `JOURNAL.${entry.code}` })}`,
  );
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(russianMessage(problem));
  }
}

export async function problemOf(response: Response): Promise<Problem> {
  const body = (await response.json().catch(() => ({}))) as Partial<Problem>;
  return {
    ...body,
    status: response.status,
    code: typeof body.code === 'string' ? body.code : `HTTP.${response.status}`,
  };
}
