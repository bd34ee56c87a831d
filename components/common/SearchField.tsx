// The popup's one search field: a labelled search input and a live count beside it (board and portfolio).
export function SearchField(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
  count: string;
  countTestId: string;
}) {
  return (
    <>
      <label htmlFor={props.id} className="sr-only">
        {props.label}
      </label>
      <input
        id={props.id}
        type="search"
        data-testid={props.id}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <span className="muted" role="status" data-testid={props.countTestId}>
        {props.count}
      </span>
    </>
  );
}
