// Sending e-mail: nodemailer over SMTP (development and tests: a real SMTP server on loopback, OKR_SMTP_URL)
// or over Amazon SES v2 when deployed (OKR_MAIL_TRANSPORT=ses; the Lambda's role may send from one identity).
// One message builder for both, so what the tests receive is what SES sends.
import type { Transporter } from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Signed unsubscribe link: a List-Unsubscribe header with one-click (RFC 8058) as well as the link in the body. */
  unsubscribeUrl?: string;
}

export interface Mailer {
  /** The From address (a verified SES identity when deployed). */
  from: string;
  send(message: MailMessage): Promise<{ messageId: string }>;
  close?(): void;
}

export const DEFAULT_FROM = "OKR Sheets <okr@localhost>";

function fromTransport(transport: Transporter, from: string): Mailer {
  return {
    from,
    async send(message) {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.unsubscribeUrl
          ? {
              list: { unsubscribe: { url: message.unsubscribeUrl, comment: "Unsubscribe" } },
              headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
            }
          : {}),
      });
      return { messageId: String(info.messageId ?? "") };
    },
    close: () => transport.close(),
  };
}

/** SMTP through nodemailer, e.g. smtp://127.0.0.1:2525 (a local server) or smtps://user:pass@host:465. */
export async function smtpMailer(url: string, from = DEFAULT_FROM): Promise<Mailer> {
  const nodemailer = await import("nodemailer");
  const target = new URL(url);
  const loopback = target.hostname === "127.0.0.1" || target.hostname === "localhost";
  // A loopback server (npm start's outbox, tests) speaks plain SMTP; anything else must offer TLS.
  return fromTransport(
    nodemailer.createTransport({
      url,
      ...(loopback ? { ignoreTLS: true } : { requireTLS: target.protocol !== "smtps:" }),
    } as never),
    from,
  );
}

/** Amazon SES (v2 API) through nodemailer's SES transport: the same MIME message, sent with SendEmail. */
export async function sesMailer(from: string, region?: string): Promise<Mailer> {
  const [nodemailer, ses] = await Promise.all([import("nodemailer"), import("@aws-sdk/client-sesv2")]);
  const sesClient = new ses.SESv2Client(region ? { region } : {});
  return fromTransport(
    nodemailer.createTransport({ SES: { sesClient, SendEmailCommand: ses.SendEmailCommand } } as never),
    from,
  );
}

/** OKR_SMTP_URL, else OKR_MAIL_TRANSPORT=ses; From: OKR_MAIL_FROM. Null: no mail configured. */
export async function mailerFromEnv(env: Record<string, string | undefined>): Promise<Mailer | null> {
  const from = env.OKR_MAIL_FROM?.trim() || DEFAULT_FROM;
  if (env.OKR_SMTP_URL?.trim()) return smtpMailer(env.OKR_SMTP_URL.trim(), from);
  if (env.OKR_MAIL_TRANSPORT === "ses") return sesMailer(from, env.AWS_REGION);
  return null;
}
