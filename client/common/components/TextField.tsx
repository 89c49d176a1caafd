import { useId, type ComponentProps } from 'react';

export interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'> {
  label: string;
  /** Help shown under the label, read out with the input. */
  hint?: string;
  /** The field's error; marks the input invalid and is read out with it. */
  error?: string | undefined;
  /** Hide the label visually (it is still read out), for inputs inside table rows. @default false */
  hideLabel?: boolean;
}

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function TextField({ label, hint, error, hideLabel = false, className, ...input }: TextFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} {...input} />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
