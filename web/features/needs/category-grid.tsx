import { useTranslation } from 'react-i18next';
import { categoryName, type CategoryLike } from './needs-text.js';
import { CategoryIcon } from './need-tags.js';

/** The categories as big buttons, two to a row; the chosen one is pressed. */
export function CategoryGrid({
  categories,
  value,
  onChange,
  label,
}: {
  categories: readonly CategoryLike[];
  value: string | null;
  onChange: (code: string) => void;
  label: string;
}) {
  const { t, i18n } = useTranslation('needs');
  return (
    <div className="nd-category-grid" role="group" aria-label={label}>
      {categories.map((c) => (
        <button
          key={c.code}
          type="button"
          className={value === c.code ? 'nd-category nd-category-on' : 'nd-category'}
          aria-pressed={value === c.code}
          onClick={() => onChange(c.code)}
          data-category={c.code}
        >
          <CategoryIcon code={c.code} />
          <span>{categoryName(c.code, t, i18n.language, categories)}</span>
        </button>
      ))}
    </div>
  );
}
