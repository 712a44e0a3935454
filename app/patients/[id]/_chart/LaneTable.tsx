"use client";

import { useId, useMemo, useState } from "react";
import type { TableModel } from "@/lib/timeline";
import styles from "./chart.module.css";

const PAGE = 200;
const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

type Sort = { column: number; descending: boolean };

/** Date sorts by the date itself; other columns by their text, numbers compared as numbers ("96 U/L" < "695 U/L"). */
function sortRows(table: TableModel, sort: Sort): TableModel["rows"] {
  const rows = [...table.rows];
  const sign = sort.descending ? -1 : 1;
  rows.sort((a, b) => {
    const primary = sort.column === 0 ? a.x - b.x : collator.compare(a.cells[sort.column], b.cells[sort.column]);
    return sign * (primary || a.x - b.x);
  });
  return rows;
}

/** A lane's data as a table: sortable by any column (buttons in the headers), long tables shown a page at a time. */
export function LaneTable({ table }: { table: TableModel }) {
  const [sort, setSort] = useState<Sort>({ column: 0, descending: false });
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(() => sortRows(table, sort), [table, sort]);
  const captionId = useId();
  if (table.rows.length === 0) return <p className={styles.note}>Nothing recorded.</p>;
  return (
    <>
      <div className={styles.tableScroll} role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={`data ${styles.table}`}>
          <caption id={captionId}>
            {table.caption}, sorted by {table.columns[sort.column].toLowerCase()}, {sort.descending ? "descending" : "ascending"}
          </caption>
          <thead>
            <tr>
              {table.columns.map((column, i) => {
                const active = sort.column === i;
                return (
                  <th key={column} scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}>
                    <button type="button" className={styles.sortButton} onClick={() => setSort({ column: i, descending: active ? !sort.descending : false })}>
                      {column}
                      <span aria-hidden="true" className={styles.sortIcon}>
                        {active ? (sort.descending ? "▼" : "▲") : "↕"}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) => (
                  <td key={i} className={i === 0 ? "date" : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > limit ? (
        <p>
          {limit} of {rows.length} rows shown.{" "}
          <button type="button" className="secondary" onClick={() => setLimit(rows.length)}>
            Show all {rows.length} rows
          </button>
        </p>
      ) : null}
    </>
  );
}
