/**
 * A school's timetable as aSc Timetables exports it (`<timetable>` with periods, days,
 * subjects, teachers, classrooms, classes, groups, lessons and cards), the platform's ids in
 * `partner_id`: 7А has maths on Monday 1 and Wednesday 2 (S-1), English on Tuesday 3 (S-2).
 */
export function planningAscXml(ids: { classId: string; s1: string; s2: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<timetable ascttversion="2019.8.2" importtype="database" displayname="Школа">
  <periods columns="period,name,short,starttime,endtime">
    <period name="1" short="1" period="1" starttime="8:30" endtime="9:15"/>
    <period name="2" short="2" period="2" starttime="9:25" endtime="10:10"/>
    <period name="3" short="3" period="3" starttime="10:30" endtime="11:15"/>
  </periods>
  <daysdefs columns="id,name,short,days">
    <daysdef id="*1" name="Понедельник" short="Пн" days="10000"/>
    <daysdef id="*2" name="Вторник" short="Вт" days="01000"/>
    <daysdef id="*3" name="Среда" short="Ср" days="00100"/>
  </daysdefs>
  <subjects columns="id,name,short,partner_id">
    <subject id="*1" name="Математика" short="Мат" partner_id="subject-math"/>
    <subject id="*2" name="Английский язык" short="Англ" partner_id="subject-english"/>
  </subjects>
  <teachers columns="id,name,short,partner_id">
    <teacher id="*1" name="Петрова О. Н." short="ПОН" partner_id="${ids.s1}"/>
    <teacher id="*2" name="Кузнецова Н." short="КН" partner_id="${ids.s2}"/>
  </teachers>
  <classrooms columns="id,name,short,partner_id">
    <classroom id="*1" name="Кабинет 21" short="21" partner_id="room-21"/>
  </classrooms>
  <classes columns="id,name,short,partner_id">
    <class id="*1" name="7А" short="7А" partner_id="${ids.classId}"/>
  </classes>
  <groups columns="id,classid,name,entireclass,divisiontag">
    <group id="*1" classid="*1" name="Весь класс" entireclass="1" divisiontag="0"/>
  </groups>
  <lessons columns="id,subjectid,classids,groupids,teacherids,classroomids,periodspercard,periodsperweek,partner_id">
    <lesson id="*1" subjectid="*1" classids="*1" groupids="*1" teacherids="*1" classroomids="*1" periodspercard="1" periodsperweek="2.0" partner_id=""/>
    <lesson id="*2" subjectid="*2" classids="*1" groupids="*1" teacherids="*2" classroomids="" periodspercard="1" periodsperweek="1.0" partner_id=""/>
  </lessons>
  <cards columns="lessonid,period,days,weeks,terms,classroomids">
    <card lessonid="*1" period="1" days="10000" weeks="1" terms="1" classroomids="*1"/>
    <card lessonid="*1" period="2" days="00100" weeks="1" terms="1" classroomids="*1"/>
    <card lessonid="*2" period="3" days="01000" weeks="1" terms="1" classroomids=""/>
  </cards>
</timetable>
`;
}
