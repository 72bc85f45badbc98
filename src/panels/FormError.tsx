/** kubectl's error, shown where the action was made (role=alert: read out when it appears). */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <pre className="form-error" role="alert">
      {error}
    </pre>
  );
}
