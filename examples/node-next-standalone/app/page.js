export const dynamic = 'force-dynamic';

export default function Page() {
  return <h1>hello from the Next.js standalone server</h1>;
}
