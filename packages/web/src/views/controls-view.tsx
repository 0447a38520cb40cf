export default function View() {
  return <p>controls</p>;
}
