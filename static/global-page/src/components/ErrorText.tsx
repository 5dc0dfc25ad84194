// A control's error, said as it appears (role="alert"); nothing while there is none.
export function ErrorText({ error }: { error: string | null | undefined }) {
  return error ? (
    <div className="tc-error-text" role="alert">
      {error}
    </div>
  ) : null;
}
