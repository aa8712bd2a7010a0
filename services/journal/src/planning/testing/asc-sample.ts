// Specs only.

/** aSc Timetables' XML export of 7a: maths Mon 1 and Wed 2 (Иванова), English Tue 3. */
export const ASC_XML = `<?xml version="1.0" encoding="UTF-8"?>
<timetable ascttversion="2019.8.2" importtype="database" displayname="Школа П">
  <periods options="canadd,export:silent" columns="period,name,short,starttime,endtime">
    <period name="1" short="1" period="1" starttime="8:30" endtime="9:15"/>
    <period name="2" short="2" period="2" starttime="9:25" endtime="10:10"/>
    <period name="3" short="3" period="3" starttime="10:30" endtime="11:15"/>
  </periods>
  <daysdefs options="canadd,export:silent" columns="id,name,short,days">
    <daysdef id="*1" name="Любой день" short="X" days="10000,01000,00100,00010,00001"/>
  </daysdefs>
  <subjects options="canadd,export:silent" columns="id,name,short,partner_id">
    <subject id="*1" name="Математика" short="Мат" partner_id="math"/>
    <subject id="*2" name="Английский язык" short="Англ" partner_id="english"/>
  </subjects>
  <teachers options="canadd,export:silent" columns="id,name,short,partner_id">
    <teacher id="*1" name="Иванова А. А." short="ИвА" partner_id="t-ivanova"/>
    <teacher id="*2" name="Петров Б. Б." short="ПБ" partner_id=""/>
  </teachers>
  <classrooms options="canadd,export:silent" columns="id,name,short,partner_id">
    <classroom id="*1" name="Кабинет 21" short="21" partner_id="room-21"/>
  </classrooms>
  <classes options="canadd,export:silent" columns="id,name,short,partner_id">
    <class id="*1" name="7А" short="7А" partner_id="class-7a"/>
  </classes>
  <groups options="canadd,export:silent" columns="id,classid,name,entireclass,divisiontag">
    <group id="*1" classid="*1" name="Весь класс" entireclass="1" divisiontag="0"/>
  </groups>
  <lessons options="canadd,export:silent" columns="id,subjectid,classids,groupids,teacherids,classroomids,periodspercard,periodsperweek,daysdefid,partner_id">
    <lesson id="*1" subjectid="*1" classids="*1" groupids="*1" teacherids="*1" classroomids="*1" periodspercard="1" periodsperweek="2.0" daysdefid="*1" partner_id=""/>
    <lesson id="*2" subjectid="*2" classids="*1" groupids="*1" teacherids="*2" classroomids="" periodspercard="1" periodsperweek="1.0" daysdefid="*1" partner_id=""/>
  </lessons>
  <cards options="canadd,export:silent" columns="lessonid,period,days,weeks,terms,classroomids">
    <card lessonid="*1" period="1" days="10000" weeks="1" terms="1" classroomids="*1"/>
    <card lessonid="*1" period="2" days="00100" weeks="1" terms="1" classroomids="*1"/>
    <card lessonid="*2" period="3" days="01000" weeks="1" terms="1" classroomids=""/>
  </cards>
</timetable>
`;
