// npm start's mail: a real SMTP server on loopback (the smtp-server package) that keeps what it receives
// under .data/outbox/ (one JSON file per message, parsed by mailparser), and the dashboard's outbox reads
// it back. Nothing leaves the machine. Not part of the Lambda bundle.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Outbox, OutboxMessage } from "../app/config.js";

export interface LocalSmtp {
  url: string;
  outbox: Outbox;
  close(): Promise<void>;
}

const addresses = (value: unknown): string[] => {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry) =>
    ((entry as { value?: { address?: string }[] }).value ?? []).map((item) => item.address ?? ""),
  );
};

export async function startLocalSmtp(dir: string, port = 0): Promise<LocalSmtp> {
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const receivedAt = new Date().toISOString();
        const id = `${receivedAt.replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}`;
        const headers: Record<string, string> = {};
        for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.key.length + 1).trim();
        const message: OutboxMessage = {
          id,
          receivedAt,
          from: mail.from?.text ?? "",
          to: addresses(mail.to),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          headers,
        };
        writeFileSync(join(dir, `${id}.json`), JSON.stringify(message));
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    outbox: {
      async list() {
        return readdirSync(dir)
          .filter((name) => name.endsWith(".json"))
          .sort()
          .reverse()
          .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as OutboxMessage);
      },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
