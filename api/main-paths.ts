/** Where `npm start` and the admin CLI keep the local dynalite database. */
export const LOCAL_DATA_DIR = ".data/dynalite";
