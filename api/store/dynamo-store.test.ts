import { describeStoreContract } from "../../test/support/store-contract.js";
import { startDynalite } from "./dynalite.js";

describeStoreContract("dynalite", () => startDynalite());
