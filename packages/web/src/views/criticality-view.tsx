export default function View() {
  return <p>criticality</p>;
}
