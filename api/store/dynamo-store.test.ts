import { startDynalite } from "./dynalite.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("dynalite", () => startDynalite());
