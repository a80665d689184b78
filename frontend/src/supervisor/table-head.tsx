/** A column's heading; `num` right-aligns a column of numbers. */
export type Column = string | { label: string; num: true };

/**
 * The heading row of the desk's tables. `action` names a last column of buttons (Open, Watch):
 * its heading is for screen readers only, since the buttons say what they do.
 */
export function TableHead({ columns, action }: { columns: Column[]; action?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === 'string' ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" class="num">
              {c.label}
            </th>
          ),
        )}
        {action !== undefined && (
          <th scope="col">
            <span class="sr-only">{action}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
