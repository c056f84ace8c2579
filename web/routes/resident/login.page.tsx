import { Button, Form, Input, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { PHONE_PATTERN } from '../../../domain/limits.js';
import { AuthHero } from '../../components/resident/auth-hero.js';
import { FormError } from '../../components/resident/form-error.js';
import { useLogin, useSmsLogin } from '../../features/auth/auth.queries.js';
import { SmsCodeButton } from '../../features/auth/sms-code-button.js';
import { errorMessage } from '../../i18n/error-message.js';
import { returnPath } from '../return-path.js';

interface PasswordValues {
  login: string;
  password: string;
}

interface SmsValues {
  phone: string;
  code: string;
}

function PasswordLogin({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  return (
    <Form
      layout="vertical"
      mode="card"
      requiredMarkStyle="none"
      onFinish={(values: PasswordValues) => login.mutate(values, { onSuccess: onDone })}
      footer={
        <Button block type="submit" color="primary" size="large" loading={login.isPending}>
          {t('auth.login')}
        </Button>
      }
    >
      <Form.Item
        name="login"
        label={t('auth.loginField')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('validation.required', { field: t('auth.loginField') }),
          },
        ]}
      >
        <Input placeholder={t('auth.loginPlaceholder')} autoComplete="username" clearable />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[{ required: true, message: t('validation.required', { field: t('auth.password') }) }]}
      >
        <Input type="password" placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" />
      </Form.Item>
      {login.isError && <FormError message={errorMessage(login.error, t, i18n.language)} />}
    </Form>
  );
}

function SmsLogin({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SmsValues>();
  const smsLogin = useSmsLogin();
  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      requiredMarkStyle="none"
      onFinish={(values: SmsValues) => smsLogin.mutate(values, { onSuccess: onDone })}
      footer={
        <Button block type="submit" color="primary" size="large" loading={smsLogin.isPending}>
          {t('auth.login')}
        </Button>
      }
    >
      <Form.Item
        name="phone"
        label={t('auth.phone')}
        rules={[{ required: true, pattern: PHONE_PATTERN, message: t('validation.phone') }]}
        extra={<SmsCodeButton getPhone={() => form.getFieldValue('phone') as string | undefined} />}
      >
        <Input
          type="tel"
          inputMode="numeric"
          placeholder={t('auth.phonePlaceholder')}
          autoComplete="tel"
          maxLength={11}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('auth.code')}
        description={t('auth.smsHint')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.code') }]}
      >
        <Input
          inputMode="numeric"
          placeholder={t('auth.codePlaceholder')}
          autoComplete="one-time-code"
          maxLength={6}
        />
      </Form.Item>
      {smsLogin.isError && <FormError message={errorMessage(smsLogin.error, t, i18n.language)} />}
    </Form>
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [tab, setTab] = useState('password');
  const done = () => void navigate(returnPath(location.state), { replace: true });
  return (
    <main className="ll-auth" id="main">
      <AuthHero title={t('auth.loginTitle')} subtitle={t('auth.loginSubtitle')} />
      <section className="ll-auth-card">
        <Tabs activeKey={tab} onChange={setTab} stretch>
          <Tabs.Tab title={t('auth.tabPassword')} key="password">
            <PasswordLogin onDone={done} />
          </Tabs.Tab>
          <Tabs.Tab title={t('auth.tabSms')} key="sms">
            <SmsLogin onDone={done} />
          </Tabs.Tab>
        </Tabs>
      </section>
      <p className="ll-auth-switch">
        {t('auth.noAccount')} <Link to="/signup">{t('auth.toSignup')}</Link>
      </p>
    </main>
  );
}
