// Dates of the demo region: the academic year in progress (in the school's zone), the calendars
// the schools publish for it, and the school days of a timetable up to today.
export const TIME_ZONE = 'Europe/Simferopol';

const iso = (date) => date.toISOString().slice(0, 10);
export const addDays = (day, days) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + days * 864e5));
/** 1 = Monday … 7 = Sunday. */
export const weekdayOf = (day) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

export function todayIn(timeZone = TIME_ZONE, now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

/** The year in progress: from August on, the one starting this September. */
export function academicYearOf(today) {
  const [year, month] = today.split('-').map(Number);
  const first = month >= 8 ? year : year - 1;
  return { first, academicYear: `${first}/${first + 1}` };
}

function holidays(first) {
  const next = first + 1;
  return [
    { startsOn: `${first}-10-26`, endsOn: `${first}-11-04`, title: 'Осенние каникулы' },
    { startsOn: `${first}-12-29`, endsOn: `${next}-01-11`, title: 'Зимние каникулы' },
    { startsOn: `${next}-02-23`, endsOn: `${next}-02-23`, title: 'День защитника Отечества' },
    { startsOn: `${next}-03-08`, endsOn: `${next}-03-08`, title: 'Международный женский день' },
    { startsOn: `${next}-03-23`, endsOn: `${next}-03-31`, title: 'Весенние каникулы' },
    { startsOn: `${next}-05-01`, endsOn: `${next}-05-01`, title: 'Праздник Весны и Труда' },
    { startsOn: `${next}-05-09`, endsOn: `${next}-05-11`, title: 'День Победы' },
  ];
}

/** Quarters with the holidays between them, or trimesters with holidays inside them. */
export function calendarFor(periodKind, first) {
  const next = first + 1;
  const startsOn = `${first}-09-01`;
  const periods =
    periodKind === 'quarters'
      ? [
          [startsOn, `${first}-10-25`],
          [`${first}-11-05`, `${first}-12-28`],
          [`${next}-01-12`, `${next}-03-22`],
          [`${next}-04-01`, `${next}-05-26`],
        ]
      : [
          [startsOn, `${first}-11-29`],
          [`${first}-11-30`, addDays(`${next}-03-01`, -1)],
          [`${next}-03-01`, `${next}-05-26`],
        ];
  return {
    academicYear: `${first}/${next}`,
    startsOn,
    endsOn: `${next}-05-26`,
    periodKind,
    periods: periods.map(([from, to], index) => ({
      number: index + 1,
      startsOn: from,
      endsOn: to,
    })),
    holidays: holidays(first).filter((h) => h.endsOn <= `${next}-05-26`),
  };
}

export const periodOf = (calendar, day) =>
  calendar.periods.find((p) => p.startsOn <= day && day <= p.endsOn)?.number ?? null;

/** Periods over by today: the school closes them and sets period marks. */
export const endedPeriods = (calendar, today) =>
  calendar.periods.filter((p) => p.endsOn < today).map((p) => p.number);

/** Study days from the first of the year to `until`: in a period, on a study weekday, no holiday. */
export function studyDays(calendar, weekdays, until) {
  const days = [];
  const last = until < calendar.endsOn ? until : calendar.endsOn;
  for (let day = calendar.startsOn; day <= last; day = addDays(day, 1)) {
    const holiday = calendar.holidays.some((h) => h.startsOn <= day && day <= h.endsOn);
    if (!holiday && weekdays.includes(weekdayOf(day)) && periodOf(calendar, day) !== null) {
      days.push(day);
    }
  }
  return days;
}

/** The first study day strictly after `day` (for homework), looking a few weeks ahead. */
export function nextStudyDay(calendar, weekdays, day, weekdaysWanted) {
  for (let next = addDays(day, 1), n = 0; n < 40; next = addDays(next, 1), n += 1) {
    if (studyDays({ ...calendar, startsOn: next }, weekdays, next).length === 0) continue;
    if (weekdaysWanted.includes(weekdayOf(next))) return next;
  }
  return addDays(day, 7);
}
