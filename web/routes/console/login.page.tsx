import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { BrandMark } from '../../components/shared/brand-mark.js';
import { LanguageSwitch } from '../../components/console/language-switch.js';
import { useLogin } from '../../features/auth/auth.queries.js';
import { errorMessage } from '../../i18n/error-message.js';
import { returnPath } from '../return-path.js';

interface LoginValues {
  login: string;
  password: string;
}

export default function ConsoleLoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();

  return (
    <main className="cl-login" id="main">
      <div className="cl-login-lang">
        <LanguageSwitch />
      </div>
      <section className="cl-login-card" aria-labelledby="login-title">
        <div className="cl-login-brand">
          <BrandMark size={44} />
          <div>
            <p className="cl-login-product">{t('app.consoleName')}</p>
            <p className="cl-login-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1 className="cl-login-title" id="login-title">
          {t('console.loginTitle')}
        </h1>
        <p className="cl-login-subtitle">{t('console.loginSubtitle')}</p>
        <Form<LoginValues>
          layout="vertical"
          requiredMark={false}
          size="large"
          onFinish={(values) =>
            login.mutate(values, {
              onSuccess: () => void navigate(returnPath(location.state), { replace: true }),
            })
          }
        >
          <Form.Item
            name="login"
            label={t('console.loginField')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('validation.required', { field: t('console.loginField') }),
              },
            ]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('validation.required', { field: t('auth.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          {login.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={errorMessage(login.error, t, i18n.language)}
              className="cl-login-error"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.login')}
          </Button>
        </Form>
      </section>
      <p className="cl-login-footer">{t('app.consoleTagline')}</p>
    </main>
  );
}
