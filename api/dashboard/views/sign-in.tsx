/** @jsxImportSource hono/jsx */
// Sign-in: one field for a reader key. Errors say what was wrong and what to do.
import type { Language } from "../../../shared/model.js";
import type { Words } from "../words.js";
import { Document } from "./layout.js";
import { DASHBOARD, LanguageSwitch } from "./parts.js";

export const SignInView = (props: {
  t: Words;
  language: Language;
  error: string | null;
  notice: string | null;
  next: string;
  /** Query parameters the language links keep (next, error, notice). */
  state: string;
  /** The OpenID Connect provider's name when people sign in as themselves through one; null: invite links. */
  providerName?: string | null;
}) => {
  const { t } = props;
  return (
    <Document title={`${t("signIn")} · ${t("product")}`} language={props.language}>
      <main id="main" class="sign-in">
        <p class="product">{t("product")}</p>
        <h1>{t("signInTitle")}</h1>
        <p>{t("signInIntro")}</p>
        {props.notice && (
          <p class="notice" role="status">
            {props.notice}
          </p>
        )}
        {props.error && (
          <p class="error" role="alert" id="key-error">
            {props.error}
          </p>
        )}
        <h2>{t("signInPeople")}</h2>
        {props.providerName ? (
          <p>
            <a class="button" href={`${DASHBOARD}/oidc/start?next=${encodeURIComponent(props.next)}`}>
              {t("signInWith", { provider: props.providerName })}
            </a>
          </p>
        ) : (
          <p>{t("noProvider")}</p>
        )}
        <h2>{t("orKey")}</h2>
        <form method="post" action={`${DASHBOARD}/sign-in`}>
          <input type="hidden" name="next" value={props.next} />
          <label for="key">{t("keyLabel")}</label>
          <input
            id="key"
            name="key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            aria-describedby={props.error ? "key-hint key-error" : "key-hint"}
            aria-invalid={props.error ? "true" : undefined}
          />
          <p id="key-hint" class="hint">
            {t("keyHint")}
          </p>
          <button type="submit">{t("signIn")}</button>
        </form>
        <LanguageSwitch
          label={t("language")}
          current={props.language}
          hrefFor={(language) => `${DASHBOARD}/sign-in?${props.state}&lang=${language}`}
        />
      </main>
    </Document>
  );
};
