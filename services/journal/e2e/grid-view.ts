/** The parts of the journal's grid DTO the end-to-end spec reads. */
interface GridAnswer {
  lessons: { lessonId: string }[];
  pupils: {
    pupilId: string;
    cells: ({ marks: { value: string; revoked: boolean }[]; revision: number } | null)[];
  }[];
}

export function gridView(grid: GridAnswer) {
  const lessonIds = grid.lessons.map((lesson) => lesson.lessonId);
  const cell = (lessonId: string | undefined, pupilId: string | undefined) => {
    const row = grid.pupils.find((pupil) => pupil.pupilId === pupilId);
    return row?.cells[lessonIds.indexOf(lessonId ?? '')] ?? null;
  };
  return {
    lessonIds,
    markCount: grid.pupils
      .flatMap((pupil) => pupil.cells)
      .reduce((count, c) => count + (c?.marks.filter((m) => !m.revoked).length ?? 0), 0),
    revisionOf: (lessonId: string | undefined, pupilId: string | undefined) =>
      cell(lessonId, pupilId)?.revision ?? 0,
    valuesOf: (lessonId: string | undefined, pupilId: string | undefined) =>
      cell(lessonId, pupilId)
        ?.marks.filter((m) => !m.revoked)
        .map((m) => m.value) ?? [],
  };
}
