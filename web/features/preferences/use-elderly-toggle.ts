import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useElderlyMode } from './elderly-mode.js';

/** Elderly mode, confirming the new state in words so the change is never silent. */
export function useElderlyToggle(): [boolean, (on: boolean) => void] {
  const { t } = useTranslation();
  const [elderly, setElderly] = useElderlyMode();
  const set = (on: boolean) => {
    setElderly(on);
    Toast.show({ content: t(on ? 'elderly.on' : 'elderly.off'), duration: 1200 });
  };
  return [elderly, set];
}
