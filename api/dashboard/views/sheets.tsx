/** @jsxImportSource hono/jsx */
// Sheets: the organisation's sheets with a download of each as .xlsx (the add-on's formulas in place),
// the starter template in each language, and, for admins, the upload form that imports .xlsx and .csv
// files; after an upload, what each file became and its problems, row by row.
import { LANGUAGES, type Language, type Problem } from "../../../shared/model.js";
import {
  formatBytes,
  IMPORT_LIMITS,
  type ImportReport,
  sheetResultLine,
  sourceOf,
} from "../../import/index.js";
import { importWord } from "../../import/messages.js";
import { LANGUAGE_NAMES, LOCALE_TAGS, type WordKey } from "../words.js";
import { Page } from "./layout.js";
import { DASHBOARD, type ViewContext } from "./parts.js";

export interface SheetListing {
  sheetId: string;
  name: string;
  rows: number;
  revision: number;
  updatedAt: string | null;
}

const ProblemsTable = (props: { ctx: ViewContext; caption: string; problems: readonly Problem[] }) => {
  const { t } = props.ctx;
  return (
    <div class="table-scroll">
      <table class="problems">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("severity")}</th>
            <th scope="col" class="num">
              {t("rowColumn")}
            </th>
            <th scope="col">{t("messageColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((problem) => (
            <tr class={`severity-${problem.severity}`}>
              <td>{t(`severity_${problem.severity}` as WordKey)}</td>
              <td class="num">{problem.row ?? "–"}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const ImportResults = (props: { ctx: ViewContext; report: ImportReport }) => {
  const { ctx, report } = props;
  const { t, language } = ctx;
  if (report.errors.length > 0)
    return (
      <section aria-labelledby="import-failed" class="import-results" role="alert">
        <h2 id="import-failed">{t("importFailedTitle")}</h2>
        <ul class="errors">
          {report.errors.map((error) => (
            <li>{error.message}</li>
          ))}
        </ul>
      </section>
    );
  return (
    <section aria-labelledby="import-results" class="import-results" role="status">
      <h2 id="import-results">{t("importResultsTitle")}</h2>
      {report.sheets.map((sheet) => {
        const where = sourceOf(sheet, language);
        const line = sheetResultLine(sheet, language);
        return (
          <div class="import-sheet">
            <p class={sheet.ok ? "synced" : "error"}>{line}</p>
            {sheet.problems.length > 0 && (
              <ProblemsTable ctx={ctx} caption={t("problemsOf", { name: where })} problems={sheet.problems} />
            )}
          </div>
        );
      })}
      {report.skipped.length > 0 && (
        <ul class="skipped">
          {report.skipped.map((tab) => (
            <li>{importWord(language, "tab_skipped", { where: sourceOf(tab, language) })}</li>
          ))}
        </ul>
      )}
    </section>
  );
};

export const SheetsView = (props: {
  ctx: ViewContext;
  sheets: SheetListing[];
  isAdmin: boolean;
  report: ImportReport | null;
  /** A message instead of a report (the upload was too large, the form expired). */
  notice: string | null;
  exportLanguage: Language;
}) => {
  const { ctx } = props;
  const { t, language } = ctx;
  const dates = new Intl.DateTimeFormat(LOCALE_TAGS[language], { dateStyle: "medium", timeStyle: "short" });
  // `language`, not `lang`: a download must not switch the dashboard's own language.
  const download = (sheetId: string) =>
    `${DASHBOARD}/sheets/export.xlsx?${new URLSearchParams({ id: sheetId, language: props.exportLanguage })}`;
  return (
    <Page ctx={ctx} title={t("sheetsTitle")}>
      <h1>{t("sheetsTitle")}</h1>
      <p class="lede">{t("sheetsIntro")}</p>
      {props.notice && (
        <p class="error" role="alert">
          {props.notice}
        </p>
      )}
      {props.report && <ImportResults ctx={ctx} report={props.report} />}

      <section aria-labelledby="import-title">
        <h2 id="import-title">{t("importTitle")}</h2>
        {props.isAdmin ? (
          <form
            method="post"
            action={`${DASHBOARD}/sheets/import`}
            enctype="multipart/form-data"
            class="import"
          >
            <p class="hint">{t("importIntro")}</p>
            <input type="hidden" name="csrf" value={ctx.csrfToken} />
            <label for="import-files">
              {t("importFiles", { size: formatBytes(IMPORT_LIMITS.fileBytes, language) })}
            </label>
            <input
              id="import-files"
              name="files"
              type="file"
              multiple
              required
              accept=".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            />
            <button type="submit">{t("importButton")}</button>
          </form>
        ) : (
          <p class="notice">{t("importAdminOnly")}</p>
        )}
      </section>

      <section aria-labelledby="sheets-title">
        <h2 id="sheets-title">{t("sheetsCaption")}</h2>
        <form method="get" action={`${DASHBOARD}/sheets`} class="export-language">
          <label for="export-lang">{t("exportLanguage")}</label>
          <select id="export-lang" name="export">
            {LANGUAGES.map((option) => (
              <option value={option} selected={option === props.exportLanguage}>
                {LANGUAGE_NAMES[option]}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t("apply")}
          </button>
        </form>
        {props.sheets.length === 0 ? (
          <p class="empty">{t("noSheets")}</p>
        ) : (
          <div class="table-scroll">
            <table id="sheets">
              <caption>{t("sheetsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sheetColumn")}</th>
                  <th scope="col">{t("sheetIdColumn")}</th>
                  <th scope="col" class="num">
                    {t("rowsColumn")}
                  </th>
                  <th scope="col" class="num">
                    {t("revisionColumn")}
                  </th>
                  <th scope="col">{t("updatedColumn")}</th>
                  <th scope="col">{t("downloadColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {props.sheets.map((sheet) => (
                  <tr>
                    <th scope="row">{sheet.name || sheet.sheetId}</th>
                    <td>
                      <code>{sheet.sheetId}</code>
                    </td>
                    <td class="num">{sheet.rows}</td>
                    <td class="num">{sheet.revision}</td>
                    <td>{sheet.updatedAt ? dates.format(new Date(sheet.updatedAt)) : "–"}</td>
                    <td>
                      <a
                        href={download(sheet.sheetId)}
                        download
                        aria-label={t("downloadXlsx", { name: sheet.name || sheet.sheetId })}
                      >
                        {t("downloadShort")}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="templates-title">
        <h2 id="templates-title">{t("templatesTitle")}</h2>
        <p>{t("templatesIntro")}</p>
        <ul class="templates">
          {LANGUAGES.map((option) => (
            <li>
              <a href={`${DASHBOARD}/sheets/template.xlsx?language=${option}`} download hreflang={option}>
                {t("templateIn", { language: LANGUAGE_NAMES[option] })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
};
