export default function View() {
  return <p>scenarios</p>;
}
