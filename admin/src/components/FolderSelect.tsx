import { Combobox, ComboboxOption } from '@strapi/design-system';
import { useFolders } from '../hooks/useFolders';
import { useT } from '../hooks/useT';

interface FolderSelectProps {
  value: number | null;
  onChange: (folderId: number | null) => void;
}

/** A Media Library folder by its path of names ("Products / Shoes"), searchable, with the images it holds; the id stays behind the scenes. */
export const FolderSelect = ({ value, onChange }: FolderSelectProps) => {
  const t = useT();
  const folders = useFolders({ enabled: true });
  const list = folders.data?.folders ?? [];
  return (
    <Combobox
      value={value === null ? undefined : String(value)}
      onChange={(next?: string) => onChange(next ? Number(next) : null)}
      onClear={() => onChange(null)}
      loading={folders.isLoading}
      placeholder={list.length === 0 && !folders.isLoading ? t('folder.none', 'The Media Library has no folders yet') : t('folder.placeholder', 'Choose a folder')}
      disabled={list.length === 0 && !folders.isLoading}
      noOptionsMessage={() => t('folder.noMatch', 'No folder matches')}
    >
      {list.map((folder) => (
        <ComboboxOption key={folder.id} value={String(folder.id)}>
          {t('folder.option', '{path} ({images, plural, one {# image} other {# images}})', { path: folder.path, images: folder.images })}
        </ComboboxOption>
      ))}
    </Combobox>
  );
};
