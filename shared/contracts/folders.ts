/** Strapi's Media Library folders, for choosing one by name (`/auto-alt-text/folders`). */

export interface FolderView {
  id: number;
  name: string;
  /** The names from the top folder down to this one: "Products / Shoes / 2024". */
  path: string;
  /** How many images the folder holds, its subfolders included (what a folder run or export covers). */
  images: number;
}

/** GET /auto-alt-text/folders — every folder, in tree order (parents before their children, by name). */
export declare namespace GetFolders {
  interface Response { data: { folders: FolderView[] } }
}
