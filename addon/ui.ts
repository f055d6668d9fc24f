// Menu and dialogs: what the user sees. The menu is built from the user's locale only, since in
// AuthMode.NONE (before the add-on is used in a document) nothing else may be read.
import type { Language } from "../shared/model.js";
import { localeLanguage, readSettings } from "./settings.js";
import { type WordKey, word } from "./words.js";

export const MENU: readonly { key: WordKey; handler: string }[] = [
  { key: "menuSetUp", handler: "menuSetUpSheet" },
  { key: "menuTemplate", handler: "menuNewSheetFromTemplate" },
  { key: "menuQuality", handler: "menuCheckQuality" },
  { key: "menuCheckIn", handler: "menuCheckIn" },
  { key: "menuSync", handler: "menuSyncNow" },
  { key: "menuRollup", handler: "menuPullRollup" },
  { key: "menuNextCycle", handler: "menuStartNextCycle" },
  { key: "menuCloseCycle", handler: "menuCloseCycle" },
  { key: "menuConversation", handler: "menuConversation" },
  { key: "menuSettings", handler: "menuSettings" },
  { key: "menuHelp", handler: "menuHelp" },
];

function safeLanguage(): Language {
  try {
    return localeLanguage();
  } catch {
    return "en";
  }
}

export function buildMenu(): void {
  const language = safeLanguage();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  MENU.forEach((item) => {
    if (item.key === "menuSettings") menu.addSeparator();
    menu.addItem(word(language, item.key), item.handler);
  });
  menu.addToUi();
}

export function showSidebar(file: string, titleKey: WordKey): void {
  const language = readSettings().language;
  SpreadsheetApp.getUi().showSidebar(
    HtmlService.createHtmlOutputFromFile(file).setTitle(word(language, titleKey)),
  );
}

export function showDialog(file: string, titleKey: WordKey, width: number, height: number): void {
  const language = readSettings().language;
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutputFromFile(file).setWidth(width).setHeight(height),
    word(language, titleKey),
  );
}

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}
