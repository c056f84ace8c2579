import { Button, Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isStrongPassword, LIMITS, PHONE_PATTERN } from '../../../domain/limits.js';
import { AuthHero } from '../../components/resident/auth-hero.js';
import { FormError } from '../../components/resident/form-error.js';
import { useSignup } from '../../features/auth/auth.queries.js';
import { errorMessage } from '../../i18n/error-message.js';

interface SignupValues {
  phone: string;
  displayName: string;
  password: string;
}

export default function SignupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const signup = useSignup();
  const passwordRule = t('auth.passwordRule');

  return (
    <main className="ll-auth" id="main">
      <AuthHero title={t('auth.signupTitle')} subtitle={t('auth.signupSubtitle')} />
      <section className="ll-auth-card">
        <Form
          layout="vertical"
          mode="card"
          requiredMarkStyle="none"
          onFinish={(values: SignupValues) =>
            signup.mutate(
              {
                phone: values.phone.trim(),
                displayName: values.displayName.trim(),
                password: values.password,
              },
              { onSuccess: () => void navigate('/', { replace: true }) },
            )
          }
          footer={
            <Button block type="submit" color="primary" size="large" loading={signup.isPending}>
              {t('auth.signup')}
            </Button>
          }
        >
          <Form.Item
            name="phone"
            label={t('auth.phone')}
            rules={[{ required: true, pattern: PHONE_PATTERN, message: t('validation.phone') }]}
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
            name="displayName"
            label={t('auth.displayName')}
            description={t('auth.displayNameHint')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('validation.required', { field: t('auth.displayName') }),
              },
              { max: LIMITS.displayName, message: t('validation.tooLong', { max: LIMITS.displayName }) },
            ]}
          >
            <Input
              placeholder={t('auth.displayNamePlaceholder')}
              autoComplete="nickname"
              maxLength={LIMITS.displayName}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            description={<span id="password-rule">{passwordRule}</span>}
            rules={[
              {
                validator: (_rule, value: unknown) =>
                  typeof value === 'string' && isStrongPassword(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('validation.passwordWeak'))),
              },
            ]}
          >
            <Input
              type="password"
              placeholder={t('auth.newPasswordPlaceholder')}
              autoComplete="new-password"
              maxLength={LIMITS.passwordMax}
              aria-describedby="password-rule"
            />
          </Form.Item>
          {signup.isError && <FormError message={errorMessage(signup.error, t, i18n.language)} />}
        </Form>
      </section>
      <p className="ll-auth-switch">
        {t('auth.hasAccount')} <Link to="/login">{t('auth.toLogin')}</Link>
      </p>
    </main>
  );
}
