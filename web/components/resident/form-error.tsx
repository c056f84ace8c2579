import { ExclamationCircleOutline } from 'antd-mobile-icons';

/** A failure stated in words (never colour alone), announced to screen readers. */
export function FormError({ message }: { message: string }) {
  return (
    <div className="ll-form-error" role="alert">
      <ExclamationCircleOutline aria-hidden />
      <span>{message}</span>
    </div>
  );
}
