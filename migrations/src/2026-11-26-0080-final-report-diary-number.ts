import type { Kysely } from 'kysely'
import { runScript } from './run-sql.ts'

/**
 * A final report (or addendum) gets its own diarienummer when it is submitted: the project's
 * diarienummer, which the decisions on the project carry too, followed by the report's number in
 * that case ("BUF 2017/123-2"). It is written in the same UPDATE that freezes the report, so the
 * immutability trigger keeps it from then on. Reports submitted before this migration are numbered
 * here in the order they were submitted (the trigger is lifted for that one update only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table final_report add column diary_number text;
    alter table final_report add constraint final_report_diary_number_check
      check (diary_number is null or (length(diary_number) <= 80 and (status = 'submitted')));
    create unique index final_report_diary_number_key on final_report (diary_number);

    alter table final_report disable trigger final_report_immutable;
    update final_report r set diary_number = n.code || '-' || n.serial
      from (
        select f.id, p.code,
          row_number() over (partition by p.code order by f.submitted_at, f.id) as serial
        from final_report f
        join project p on p.id = f.project_id
        where f.status = 'submitted' and p.code is not null
      ) n
      where n.id = r.id;
    alter table final_report enable trigger final_report_immutable;
  `,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop index final_report_diary_number_key;
    alter table final_report drop column diary_number;
  `,
  )
}
