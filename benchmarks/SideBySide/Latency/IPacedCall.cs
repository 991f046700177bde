namespace LoguStyle.SideBySide.Latency;

/// <summary>The call a paced thread makes and times (<see cref="PacedLoad"/>).</summary>
internal interface IPacedCall
{
    void Call(int k);
}
