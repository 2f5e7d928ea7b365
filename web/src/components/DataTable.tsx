import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '../lib/format';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    numeric?: boolean;
    /** Extra class for the column's cells (e.g. "wide"). */
    className?: string;
    /** Header text for screen readers when the visible header is abbreviated. */
    srLabel?: string;
  }
}

export function sortFromParam(v: string | null | undefined): SortingState {
  if (!v) return [];
  return v.startsWith('-') ? [{ id: v.slice(1), desc: true }] : [{ id: v, desc: false }];
}
export function sortToParam(s: SortingState): string | null {
  const first = s[0];
  if (!first) return null;
  return first.desc ? `-${first.id}` : first.id;
}

/**
 * Sortable, keyboard-accessible table (header buttons, aria-sort). Sorting can be controlled
 * through the URL (`sort` + `onSortChange`). Long tables show a first page and a "show more"
 * button rather than paging, which reads better on phones.
 */
export function DataTable<T>({
  data,
  columns,
  caption,
  captionHidden = false,
  sort,
  onSortChange,
  pageSize = 50,
  getRowId,
  rowClassName,
  rowHeaderId,
  testid = 'data-table',
}: {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  caption: string;
  captionHidden?: boolean;
  sort?: string | null;
  onSortChange?: (next: string | null) => void;
  pageSize?: number;
  getRowId?: (row: T, i: number) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Column whose cells are the row headers (default: the first). */
  rowHeaderId?: string;
  testid?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const captionId = useId();
  const [localSort, setLocalSort] = useState<SortingState>([]);
  const [shown, setShown] = useState(pageSize);
  const sorting = useMemo(() => (onSortChange ? sortFromParam(sort) : localSort), [onSortChange, sort, localSort]);

  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    defaultColumn: { sortUndefined: 'last' },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      if (onSortChange) onSortChange(sortToParam(next));
      else setLocalSort(next);
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId,
    enableSortingRemoval: true,
  });

  const rows = table.getRowModel().rows;
  const visible = pageSize > 0 ? rows.slice(0, shown) : rows;

  return (
    <div className="data-table" data-testid={testid}>
      <div className="data-table__scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <caption id={captionId} className={captionHidden ? 'sr-only' : undefined}>
            {caption}
          </caption>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const col = h.column;
                  const dir = col.getIsSorted();
                  const cls = [col.columnDef.meta?.numeric ? 'num' : '', col.columnDef.meta?.className ?? ''].join(' ').trim() || undefined;
                  const content = h.isPlaceholder ? null : flexRender(col.columnDef.header, h.getContext());
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      colSpan={h.colSpan}
                      className={cls}
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : col.getCanSort() ? 'none' : undefined}
                    >
                      {col.getCanSort() && !h.isPlaceholder ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={col.getToggleSortingHandler()}
                          data-testid={`sort-${col.id}`}
                          title={t('table.sortBy')}
                        >
                          {content}
                          <span className="sort-button__icon" aria-hidden="true">
                            {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id} className={rowClassName?.(row.original)} data-row-id={row.id}>
                {row.getVisibleCells().map((cell, i) => {
                  const meta = cell.column.columnDef.meta;
                  const cls = [meta?.numeric ? 'num' : '', meta?.className ?? ''].join(' ').trim() || undefined;
                  const body = flexRender(cell.column.columnDef.cell, cell.getContext());
                  const isHeader = rowHeaderId ? cell.column.id === rowHeaderId : i === 0;
                  return isHeader ? (
                    <th key={cell.id} scope="row" className={cls}>
                      {body}
                    </th>
                  ) : (
                    <td key={cell.id} className={cls}>
                      {body}
                    </td>
                  );
                })}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={table.getAllLeafColumns().length} className="data-table__empty">
                  {t('table.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="data-table__footer">
        <span data-testid={`${testid}-count`}>
          {t('table.showing', { shown: formatInteger(visible.length, lang), total: formatInteger(rows.length, lang) })}
        </span>
        {visible.length < rows.length && (
          <button type="button" className="button button--small" onClick={() => setShown((n) => n + Math.max(pageSize, 50))} data-testid={`${testid}-more`}>
            {t('table.showMore')}
          </button>
        )}
      </div>
    </div>
  );
}
